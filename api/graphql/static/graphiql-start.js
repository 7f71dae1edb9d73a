// Starts GraphiQL against this server's own /graphql endpoint (same origin, no CDN).
// Put your token in the Headers tab: {"Authorization": "Bearer skg_..."}.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + "/graphql" });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      headers: JSON.stringify({ Authorization: "Bearer " }, null, 2),
      defaultQuery:
        '{\n  actor(id: "actor:jnim") {\n    name\n    allies(minStatus: REPORTED) {\n' +
        '      edges { node { name } evidence { status credibility sources { title } } }\n' +
        '    }\n  }\n}\n',
    })
  );
})();
