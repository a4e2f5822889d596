// The probe the chosen instance runs through Run Command (AWS-RunShellScript, as root there):
// plain bash, read-only, no secret in it (SSM keeps every command in its history). It resolves
// the Private Host, sends Postgres' SSLRequest to each interface IP on 5432 and 6432 (a silent
// drop shows as no reply, as in a VPC), and checks TLS as `verify-full` would — chain against the
// instance's system roots and the host name — with `openssl s_client -starttls postgres`
// (OpenSSL ≥ 1.1.1, also `openssl11` on Amazon Linux 2) or else python3's `ssl`. It always exits
// 0 and ends with a small machine-readable block (see probeResult.ts).

export const PROBE_BEGIN = 'PSPL-PROBE-BEGIN v1';
export const PROBE_END = 'PSPL-PROBE-END';

export interface ProbeScriptInput {
  privateHost: string;
  /** The endpoint's interface IPs: what the answers must be, and where TCP/TLS go. */
  interfaceIps: string[];
  ports: number[];
  /** Per-connection timeout on the instance. */
  connectTimeoutSeconds?: number;
}

const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Checks the values that go into the script, so nothing but a host, IPs and ports can land in it. */
function checked(input: ProbeScriptInput): Required<ProbeScriptInput> {
  const host = input.privateHost.trim().toLowerCase();
  if (!HOST.test(host)) throw new Error(`The Private Host "${input.privateHost}" is not a DNS name; the probe needs the branch's Private Host.`);
  if (input.interfaceIps.length === 0) throw new Error('The endpoint has no interface IPs yet: wait until it is available, then verify again.');
  for (const ip of input.interfaceIps) if (!IPV4.test(ip)) throw new Error(`The interface address "${ip}" is not an IPv4 address.`);
  for (const port of input.ports) if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`The port ${port} is not a TCP port.`);
  const timeout = input.connectTimeoutSeconds ?? 5;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) throw new Error('The probe connect timeout must be 1 to 60 seconds.');
  return { privateHost: host, interfaceIps: [...input.interfaceIps], ports: [...input.ports], connectTimeoutSeconds: timeout };
}

const PYTHON_TLS = [
  'import socket, ssl, sys',
  'ip, port, host, t = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])',
  'try:',
  '    s = socket.create_connection((ip, port), t)',
  '    s.settimeout(t)',
  "    s.sendall(bytes([0, 0, 0, 8, 4, 210, 22, 47]))",
  '    r = s.recv(1)',
  "    if r != b'S':",
  "        print('fail server-refused-ssl'); sys.exit(0)",
  '    ssl.create_default_context().wrap_socket(s, server_hostname=host).close()',
  "    print('ok verified')",
  'except ssl.SSLCertVerificationError as e:',
  "    print('fail ' + (e.verify_message or 'certificate-verify-failed').replace(' ', '-'))",
  'except Exception as e:',
  "    print('fail ' + type(e).__name__)",
].join('\n');

/** The script text, one string; send it as the lines of the `commands` parameter. */
export function buildProbeScript(input: ProbeScriptInput): string {
  const { privateHost, interfaceIps, ports, connectTimeoutSeconds } = checked(input);
  return `#!/bin/bash
# PlanetScale PrivateLink probe (read-only, no secrets): does this instance reach
# ${privateHost} through the VPC endpoint? DNS answers, TCP with Postgres' SSLRequest, TLS as
# sslmode=verify-full checks it (chain against this machine's roots, host name).
HOST='${privateHost}'
EXPECTED='${interfaceIps.join(' ')}'
PORTS='${ports.join(' ')}'
T=${connectTimeoutSeconds}
started=$(date +%s%3N)
out() { printf '%s\\n' "$*"; }
answers=$(getent ahostsv4 "$HOST" 2>/dev/null | awk '$2 == "STREAM" { print $1 }' | sort -u | tr '\\n' ' ')
if [ -z "$answers" ] && command -v dig >/dev/null 2>&1; then
  answers=$(dig +short +time=2 +tries=2 A "$HOST" 2>/dev/null | grep -E '^[0-9.]+$' | sort -u | tr '\\n' ' ')
fi
tls_tool=none
for candidate in openssl11 openssl; do
  # An unknown -starttls value makes s_client list the protocols it knows (before any connect).
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" s_client -starttls '?' -connect 127.0.0.1:1 </dev/null 2>&1 | grep -qw postgres; then
    tls_tool=$candidate; break
  fi
done
if [ "$tls_tool" = none ] && command -v python3 >/dev/null 2>&1; then tls_tool=python3; fi
sslrequest() {
  timeout "$T" bash -c 'exec 3<>"/dev/tcp/$1/$2" || exit 3; printf "\\000\\000\\000\\010\\004\\322\\026\\057" >&3; head -c 1 <&3' _ "$1" "$2" 2>/dev/null
}
tls_check() {
  case "$tls_tool" in
    openssl*)
      result=$(echo | timeout "$((T * 2))" "$tls_tool" s_client -starttls postgres -connect "$1:$2" -servername "$HOST" -verify_hostname "$HOST" 2>&1)
      code=$(printf '%s\\n' "$result" | sed -n 's/.*Verify return code: \\([0-9]*\\) (\\(.*\\))/\\1 \\2/p' | tail -n 1)
      case "$code" in
        '0 ok') echo 'ok verified' ;;
        '') echo 'fail no-handshake' ;;
        *) echo "fail $(printf '%s' "\${code#* }" | tr ' ' '-')" ;;
      esac ;;
    python3)
      timeout "$((T * 2))" python3 -c "$PY_TLS" "$1" "$2" "$HOST" "$T" 2>/dev/null || echo 'fail python-error' ;;
    *) echo 'skip no-tls-tool' ;;
  esac
}
PY_TLS='${PYTHON_TLS.replace(/'/g, "'\\''")}'
tool_version=$(case "$tls_tool" in openssl*) "$tls_tool" version | awk '{ print $2 }' ;; python3) python3 -c 'import ssl; print(ssl.OPENSSL_VERSION.split()[1])' ;; *) echo - ;; esac)
out '${PROBE_BEGIN}'
out "host $HOST"
out "dns \${answers:--}"
out "expected $EXPECTED"
out "tool $tls_tool $tool_version"
for ip in $EXPECTED; do
  for port in $PORTS; do
    reply=$(sslrequest "$ip" "$port"); rc=$?
    if [ "$reply" = S ] || [ "$reply" = N ]; then tcp=open
    elif [ $rc -eq 124 ]; then tcp=no-reply
    elif [ $rc -eq 3 ] || [ $rc -eq 1 ]; then tcp=refused
    else tcp=no-reply; fi
    out "tcp $ip $port $tcp"
    if [ "$tcp" = open ] && [ "$reply" = S ]; then out "tls $ip $port $(tls_check "$ip" "$port")"
    elif [ "$tcp" = open ]; then out "tls $ip $port fail server-refused-ssl"
    else out "tls $ip $port skip no-tcp"; fi
  done
done
out "elapsed_ms $(( $(date +%s%3N) - started ))"
out '${PROBE_END}'
exit 0
`;
}
