import { startPostgres } from "@reeks/testing/postgres";

const pg = startPostgres(9450);
console.log(pg.url);
process.on("SIGTERM", () => {
  pg.stop();
  process.exit(0);
});
setInterval(() => {}, 1 << 30);
