// Starts and stops BullMQ queues at moments when their connection is still being made, each stopped
// the way the app stops it (QueueShutdown, then the queue's own close), and prints "survived" if the
// process lived through all of them. Run by test/integration/queue-shutdown.spec.ts against dist/.
const { Queue } = require('bullmq');
const { QueueShutdown } = require('../../dist/src/platform/queue/queue-shutdown');

const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  for (let step = 0; step < 40; step += 1) {
    for (let repeat = 0; repeat < 5; repeat += 1) {
      const queue = new Queue('shutdown-check', { connection, prefix: 'test:shutdown' });
      await delay(step / 4);
      await new QueueShutdown(queue).beforeApplicationShutdown();
      await queue.close();
    }
  }
  await delay(200);
  console.log('survived');
})();
