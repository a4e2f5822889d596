// The one client of the sandbox's control API (the EC2 emulator's `/_sandbox` routes: faults,
// endpoint delays, stats, endpoints), for every test layer and the benchmark.

function routeUrl(controlUrl: string, route: string): string {
  return `${controlUrl.replace(/\/$/, '')}/${route.replace(/^\//, '')}`;
}

/** POSTs JSON to a control route (`faults`, `/endpoint-delay`…); a failed answer throws with its text. */
export async function sandboxControlPost(controlUrl: string, route: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(routeUrl(controlUrl, route), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox control ${route} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** GETs a control route's JSON (`stats`, `endpoints?region=…`). */
export async function sandboxControlGet<T>(controlUrl: string, route: string): Promise<T> {
  const response = await fetch(routeUrl(controlUrl, route));
  if (!response.ok) throw new Error(`sandbox control ${route} answered ${response.status}`);
  return (await response.json()) as T;
}
