import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

export interface RedisConnectionOptions {
  /** Shown in CLIENT LIST and in logs, so an operator can tell connections apart. */
  role: string;
  /**
   * BullMQ's blocking connections must retry forever (null); request-path clients fail fast rather
   * than hold a request while Redis is away.
   */
  maxRetriesPerRequest?: number | null;
  enableOfflineQueue?: boolean;
}

/**
 * The one place Redis connection settings are made: BullMQ, the rate limiter and the stores all
 * come here, so TLS (rediss://), the password from REDIS_URL and the retry strategy are set once.
 */
@Injectable()
export class RedisConnectionFactory implements OnApplicationShutdown {
  private readonly connections = new Set<Redis>();

  constructor(
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(RedisConnectionFactory.name);
  }

  /** Options for libraries that open their own connections (BullMQ opens and closes its own). */
  options(options: RedisConnectionOptions): RedisOptions {
    return {
      ...redisUrlOptions(this.config.redis.url),
      connectionName: `finrecon:${options.role}`,
      maxRetriesPerRequest: options.maxRetriesPerRequest === undefined ? 2 : options.maxRetriesPerRequest,
      enableOfflineQueue: options.enableOfflineQueue ?? true,
      connectTimeout: 5_000,
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 10), 5_000),
    };
  }

  /** A connection owned by this factory and closed when the process shuts down. */
  create(options: RedisConnectionOptions): Redis {
    const connection = new Redis(this.options(options));
    this.reportOutages(connection, options.role);
    this.connections.add(connection);
    connection.once('end', () => this.connections.delete(connection));
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.connections].map(closeConnection));
  }

  private reportOutages(connection: Redis, role: string): void {
    let down = false;
    connection.on('error', (error: Error) => {
      if (!down) this.logger.warn({ role, reason: error.message }, 'redis connection error, reconnecting');
      down = true;
    });
    connection.on('ready', () => {
      if (down) this.logger.info({ role }, 'redis connection restored');
      down = false;
    });
  }
}

async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  await connection.quit().catch(() => connection.disconnect());
}

/** REDIS_URL -> ioredis options: redis[s]://[user[:password]@]host[:port][/db]. */
export function redisUrlOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? { servername: parsed.hostname } : undefined,
  };
}
