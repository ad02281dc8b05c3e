// Earshot web UI: the API page, Swagger UI over GET /api/openapi.json. "Try it out" sends the page's session
// cookie (same origin), so it acts as the logged-in user; API clients send Authorization: Bearer instead.
window.addEventListener('DOMContentLoaded', () => {
  if (typeof window.SwaggerUIBundle !== 'function') {
    document.getElementById('swagger-ui').textContent = 'Swagger UI did not load: the description is at /api/openapi.json.';
    return;
  }
  window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No call to the public validator: this page talks to this server only.
    validatorUrl: null,
  });
});
