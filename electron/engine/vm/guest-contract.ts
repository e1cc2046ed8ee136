// What the host and the guest of Berth's VM agree on. The guest side is the
// shell init in native/vm/ (see native/vm/README.md, "Guest contract"); keep
// the two in step. Nothing here is secret and nothing is baked into the image:
// per-VM material (TLS certificates, shared folders, the API port) reaches the
// guest at boot through QEMU's fw_cfg files, read by the guest under
// /sys/firmware/qemu_fw_cfg/by_name/<name>/raw.

/** fw_cfg file names (QEMU allows 55 bytes; `opt/` is the prefix it reserves for users). */
export const fwCfg = {
  /** PEM: the CA that signed both the server's and the client's certificates. */
  caCert: 'opt/berth/tls/ca.pem',
  serverCert: 'opt/berth/tls/server-cert.pem',
  serverKey: 'opt/berth/tls/server-key.pem',
  /** Decimal: the host port that forwards to the guest's API port; the guest refuses it to containers. */
  hostApiPort: 'opt/berth/host-api-port',
  /** `share<N>`: a host folder's absolute path (raw bytes, no newline), mounted at the same path over the 9p tag `share<N>`. */
  sharePrefix: 'opt/berth/share',
  /** `smb<N>`: `server=`, `share=` and `path=` lines; the guest mounts //server/share at path (cifs). */
  smbPrefix: 'opt/berth/smb',
  /** `username=` and `password=` lines (`domain=` too) for every SMB share; absent: a guest login. */
  smbCredentials: 'opt/berth/smb-credentials',
} as const;

/** The guest's address on QEMU's user network, and the host as the guest sees it. */
export const guestNetwork = {
  guestAddress: '10.0.2.15',
  hostAlias: '10.0.2.2',
  dns: '10.0.2.3',
  /** QEMU's own SMB server (`-netdev user,smb=DIR`, Linux and macOS hosts), sharing DIR as `qemu`. */
  qemuSmbServer: '10.0.2.4',
  qemuSmbShare: 'qemu',
} as const;

/** dockerd in the guest listens here with --tlsverify; only eth0 (QEMU's forward) may reach it. */
export const guestApiPort = 2376;

/**
 * Lines the guest init writes to the serial console (ttyS0) as it goes:
 * `berth-guest: <step>` for each step, `berth-guest: ready` once dockerd
 * answers inside the guest, `berth-guest: error: <words>` when a step fails
 * (the init then stops there, and leaves the VM up so the log can be read).
 */
export const consoleMarker = 'berth-guest: ';
export const guestSteps = [
  'modules loaded',
  'network up',
  'data disk mounted',
  'shares mounted',
  'dockerd starting',
  'ready',
] as const;
export type GuestStep = (typeof guestSteps)[number];

/** The kernel's first words on the console, for the "boot" step's end and the bench's baseline. */
export const initStartedMarker = `${consoleMarker}init started`;

/** The virtio-blk data disk (raw, sparse) holds /var/lib/docker; the guest formats it when blank. */
export const dataDiskDevice = '/dev/vda';

/**
 * `berth-guest: disk USED SIZE AVAILABLE`: the data disk's file system as
 * statfs counts it, in bytes (AVAILABLE is what a write can still take). Said
 * after mounting, then whenever the use moves (native/vm/guest/berth-disk-use).
 * Not a step: it comes again and again while the VM runs.
 */
export const diskUseMarker = `${consoleMarker}disk `;

/**
 * Below this many bytes available the data disk is full (berth-disk-use holds
 * the same number): a fixed amount, not a share, since a share of a 1 TiB disk
 * is gigabytes that still work; 64 MiB is less than almost any pull, build or
 * new container takes, yet more than the slack ext4 shows on a disk it refuses
 * writes to.
 */
export const dataDiskFullBelowBytes = 64 * 1024 ** 2;
