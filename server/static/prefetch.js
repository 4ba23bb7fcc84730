// Loaded in <head>: ask for the first view at once, so the server works while vis-network loads.
window.geographFirstView = fetch(`/api/graph${location.search}`);
