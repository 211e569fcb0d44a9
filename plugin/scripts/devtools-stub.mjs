// ink's build/devtools.js imports react-devtools-core statically; the bundle never enables devtools.
export default { initialize() {}, connectToDevTools() {} };
