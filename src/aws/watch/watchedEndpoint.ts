// What the workspace remembers about an endpoint it watches (created from it, or pinned).
export interface WatchedEndpoint {
  endpointId: string;
  profile: string;
  region: string;
  vpcId: string;
  serviceName: string;
  /** The security group the extension created for this endpoint, if it did. */
  securityGroupId?: string;
  privateHost?: string;
  branch?: { organization: string; database: string; branch: string };
  createdAt: string;
  /** Set when the user asked to delete it, so a window reload resumes following the deletion. */
  deleting?: boolean;
  /** The last state seen (saved on each change), so a reload neither repeats nor misses a notification. */
  lastState?: string;
}
