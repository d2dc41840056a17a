import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { constants } from 'node:fs';
import { access, mkdir, statfs } from 'node:fs/promises';
import { AppConfig } from '../../../platform/config/app-config';

/** The uploads directory must exist, be writable and keep a configured amount of free space. */
@Injectable()
export class UploadsDiskHealthIndicator implements OnModuleInit {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await mkdir(this.config.uploads.dir, { recursive: true }).catch(() => undefined);
  }

  async check(key = 'uploads') {
    const indicator = this.indicators.check(key);
    const { dir, minFreeBytes } = this.config.uploads;
    try {
      await access(dir, constants.W_OK);
    } catch {
      return indicator.down({ reason: 'uploads directory missing or not writable' });
    }
    const stats = await statfs(dir);
    const freeBytes = stats.bavail * stats.bsize;
    if (freeBytes < minFreeBytes)
      return indicator.down({ reason: 'low disk space', freeBytes, minFreeBytes });
    return indicator.up({ freeBytes });
  }
}
