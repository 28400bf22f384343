/**
 * The names one container answers to on one network, as Docker's embedded DNS gives them: its
 * name, its short id and the endpoint's aliases (compose passes the service name as an alias).
 * Compose's labels add the service name and `<service>-<n>` (`db-1`), so a replica is reachable
 * by number and every replica answers the service name, whoever made the container. One-off
 * containers (`compose run`) get no service names, as in compose.
 *
 * Pure. Names are compared lower-case, as DNS does.
 */
const SERVICE = 'com.docker.compose.service';
const NUMBER = 'com.docker.compose.container-number';
const ONEOFF = 'com.docker.compose.oneoff';

export interface DnsNameInput {
  containerId: string;
  /** Without the leading slash. */
  containerName: string;
  aliases: readonly string[];
  labels: Readonly<Record<string, string>>;
}

export function endpointDnsNames(input: DnsNameInput): string[] {
  const names = [input.containerName, input.containerId.slice(0, 12), ...input.aliases];
  const service = input.labels[SERVICE];
  if (service && input.labels[ONEOFF] !== 'True') {
    names.push(service);
    const number = input.labels[NUMBER];
    if (number) names.push(`${service}-${number}`);
  }
  return [...new Set(names.filter((name) => name !== '').map((name) => name.toLowerCase()))];
}
