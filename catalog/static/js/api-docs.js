// Starts Swagger UI on /api/docs; kept out of the page so the page needs no inline script.
window.addEventListener("load", function () {
  var node = document.getElementById("swagger-ui-container");
  var config = { url: node.dataset.specUrl, dom_id: "#swagger-ui-container" };
  var extra = JSON.parse(node.dataset.config || "{}");
  Object.keys(extra).forEach(function (key) { config[key] = extra[key]; });
  window.ui = SwaggerUIBundle(config);
});
