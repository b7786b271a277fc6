// Child processes pinned to one core (taskset), and what /proc says about them (Linux only).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The core every server runs on, and the core of load generators and clients. */
export const SERVER_CORE = "0";
/** See {@link SERVER_CORE}. */
export const LOAD_CORE = "1";

/** A running child process and the lines it prints. */
export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first or after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit (SIGKILL after 3 s). */
  stop(): Promise<void>;
}

/** Extra node flags for every child, e.g. `--cpu-prof`. Set by the orchestrator from its own flags. */
export const childNodeFlags: string[] = [];
let profileCount = 0;

/**
 * Starts `node <script> args…` pinned to `core`. `script` is a sibling module by base name ("server-main");
 * under tsx (a .ts entry) the child runs through tsx as well.
 */
export function spawnNode(core: string, script: string, args: string[], extraFlags: string[] = []): Child {
  const self = fileURLToPath(import.meta.url);
  const ext = extname(self);
  const path = fileURLToPath(new URL(`./${script}${ext}`, import.meta.url));
  const flags = ext === ".ts" ? ["--import", "tsx"] : [];
  if (childNodeFlags.includes("--cpu-prof")) {
    // Name each profile after what ran, e.g. server-main-spindle-3.cpuprofile.
    const kind = args[args.indexOf("--kind") + 1] ?? "";
    const workload = args.includes("--workload") ? `-${args[args.indexOf("--workload") + 1]}` : "";
    flags.push(`--cpu-prof-name=${script}-${kind}${workload}-${++profileCount}.cpuprofile`);
  }
  return spawnPinned(core, process.execPath, [...flags, ...childNodeFlags, ...extraFlags, path, ...args]);
}

/** Starts `command args…` pinned to `core` with `taskset -c`; stderr passes through. */
export function spawnPinned(core: string, command: string, args: string[]): Child {
  const child = spawn("taskset", ["-c", core, command, ...args], { stdio: ["pipe", "pipe", "inherit"] });
  if (child.pid === undefined) throw new Error(`cannot start ${command}`);
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    for (const l of listeners) l(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    process: child,
    pid: child.pid,
    exited,
    waitForLine(pattern, timeoutMs = 60_000) {
      for (const line of lines) {
        const m = line.match(pattern);
        if (m !== null) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`${command} ${args.join(" ")}: no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
        const onLine = (line: string): void => {
          const m = line.match(pattern);
          if (m !== null) done(undefined, m);
        };
        const onExit = (code: number | null): void => done(new Error(`${command} ${args.join(" ")} exited (${code}) before printing ${pattern}`));
        const done = (error?: Error, m?: RegExpMatchArray): void => {
          clearTimeout(timer);
          listeners.delete(onLine);
          child.off("exit", onExit);
          if (error !== undefined) reject(error);
          else resolve(m!);
        };
        listeners.add(onLine);
        child.once("exit", onExit);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Memory of a process from /proc/PID/status: peak (VmHWM) and current (VmRSS) resident set, in bytes. */
export function readMemory(pid: number): { hwmBytes: number; rssBytes: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string): number => {
    const m = status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"));
    if (m === null) throw new Error(`/proc/${pid}/status has no ${key}`);
    return Number(m[1]) * 1024;
  };
  return { hwmBytes: kb("VmHWM"), rssBytes: kb("VmRSS") };
}

/** CPU time a process has used so far (user + system, from /proc/PID/stat; 10 ms resolution), in ms. */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticksPerSecond = 100; // USER_HZ is 100 on Linux
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
