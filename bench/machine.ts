import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a report was measured on, since its speed and load move every figure. */
export interface MachineInfo {
  readonly cpuModel: string;
  /** CPUs this process may use, from `os.availableParallelism()`. */
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  /** Kernel name, release and architecture, such as "Linux 6.18.0 x64". */
  readonly os: string;
  /** Load averages over the last minute when the run started and ended; 0 on Windows. */
  readonly loadAtStart: number;
  readonly loadAtEnd: number;
}

/** Reads the machine's description, with the current load as both start and end. */
export function readMachine(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() || 'unknown CPU',
    cores: availableParallelism(),
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    os: `${type()} ${release()} ${process.arch}`,
    loadAtStart: loadavg()[0] ?? 0,
    loadAtEnd: loadavg()[0] ?? 0,
  };
}

/** Returns the description with the current load as the load at the end. */
export function withLoadAtEnd(machine: MachineInfo): MachineInfo {
  return { ...machine, loadAtEnd: loadavg()[0] ?? 0 };
}

/** Describes the machine in one line, such as "AMD EPYC, 2 cores, 24 GiB memory, ...". */
export function describeMachine(machine: MachineInfo): string {
  return [
    machine.cpuModel,
    `${machine.cores} cores`,
    `${machine.memoryGiB.toFixed(0)} GiB memory`,
    `Node ${machine.node}`,
    machine.os,
    `load average ${machine.loadAtStart.toFixed(2)} at the start and ` +
      `${machine.loadAtEnd.toFixed(2)} at the end (1-minute average)`,
  ].join(', ');
}
