import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../src/platform/config/app-config';
import type { Clock } from '../../src/platform/clock/clock';
import { LocalDiskTenantBackupFiles } from '../../src/modules/tenants/infrastructure/disk/local-disk-tenant-backup-files';

// The real file system, with link(2) failing on demand as on a volume without hard links.
jest.mock('node:fs/promises', () => {
  const actual = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');
  return { ...actual, link: jest.fn(actual.link) };
});
const link = fsPromises.link as jest.MockedFunction<typeof fsPromises.link>;

describe('backup files on the local disk', () => {
  let directory: string;
  let files: LocalDiskTenantBackupFiles;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'finrecon-backup-files-'));
    const config = { tenantDatabases: { backupsDir: directory } } as AppConfig;
    files = new LocalDiskTenantBackupFiles(config, { now: () => new Date() } as Clock);
  });
  afterEach(() => link.mockClear());

  it('refuses to start on a TENANT_BACKUPS_DIR that is a file, and accepts one not created yet', () => {
    const file = join(directory, 'not-a-directory');
    writeFileSync(file, '');
    const clock = { now: () => new Date() } as Clock;
    const at = (backupsDir: string) =>
      new LocalDiskTenantBackupFiles({ tenantDatabases: { backupsDir } } as AppConfig, clock);
    expect(() => at(file)).toThrow(`TENANT_BACKUPS_DIR ${file} exists and is not a directory`);
    expect(() => at(join(directory, 'later'))).not.toThrow();
  });

  function dumpAt(path: string): string {
    const inProgress = files.inProgressPath(path);
    writeFileSync(inProgress, 'the dump');
    return inProgress;
  }

  /** A dump published under a name a file took while it ran: refused, both files left as they were. */
  async function expectRefusedOverTakenName(): Promise<void> {
    const taken = join(directory, 'taken.dump');
    const inProgress = dumpAt(taken);
    writeFileSync(taken, 'written meanwhile');
    await expect(files.publish(inProgress, taken)).rejects.toMatchObject({
      code: 'TENANT.BACKUP_FILE_EXISTS',
    });
    expect(readFileSync(taken, 'utf8')).toBe('written meanwhile');
    expect(readFileSync(inProgress, 'utf8')).toBe('the dump');
    expect(link).toHaveBeenCalledTimes(1);
  }

  it('publishes by a hard link, and refuses a name a file took meanwhile', expectRefusedOverTakenName);

  describe('on a volume without hard links', () => {
    beforeEach(() =>
      link.mockRejectedValue(
        Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' }),
      ),
    );
    afterEach(() => link.mockReset().mockImplementation(jest.requireActual('node:fs/promises').link));

    it('reserves the name with a file of its own and renames the complete dump over it', async () => {
      const path = join(directory, 'free.dump');
      await files.publish(dumpAt(path), path);
      expect(readFileSync(path, 'utf8')).toBe('the dump');
      expect(readdirSync(directory)).toEqual(['free.dump']);
      expect(link).toHaveBeenCalledTimes(1);
    });

    it(
      'refuses a name a file took meanwhile just the same, and leaves both files',
      expectRefusedOverTakenName,
    );
  });
});
