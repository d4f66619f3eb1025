import { createServer } from "node:net";
import { ConfigError } from "./env";

/** Fails with a message naming the port and the variable to change when something already listens. */
export function assertPortFree(host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new ConfigError(
            `Port ${port} is already in use. Stop what uses it or set ${variable} to another port.`,
          ),
        );
      } else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
