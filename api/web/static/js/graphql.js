// One POST to the project's own GraphQL endpoint; errors become exceptions with the
// server's messages, so the status line can show them as they are.

let endpoint = "/graphql";
let pending = 0;

export function setEndpoint(url) {
  endpoint = url;
}

function markBusy(delta) {
  pending += delta;
  document.body.dataset.busy = String(pending);
}

export async function gql(query, variables = {}) {
  markBusy(1);
  try {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const token = sessionStorage.getItem("sahelkg-token");
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(endpoint, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new Error(`the API answered ${response.status} without JSON`);
    }
    if (response.status === 401) {
      document.getElementById("token-form").hidden = false;
      throw new Error(`the API needs a token: ${body.errors?.[0]?.message ?? "401"}`);
    }
    if (body.errors && body.errors.length) {
      throw new Error(body.errors.map((e) => e.message).join("; "));
    }
    if (!response.ok) throw new Error(`the API answered ${response.status}`);
    return body.data;
  } finally {
    markBusy(-1);
  }
}

export function setToken(token) {
  if (token) sessionStorage.setItem("sahelkg-token", token);
  else sessionStorage.removeItem("sahelkg-token");
}
