import { describe, expect, it } from 'vitest';
import type { Figure } from '../../bench/figures.ts';
import type { MachineInfo } from '../../bench/machine.ts';
import { renderMarkdown } from '../../bench/markdown.ts';
import { QUICK } from '../../bench/profiles.ts';
import type { BenchReport } from '../../bench/report.ts';

const MACHINE: MachineInfo = {
  cpuModel: 'Test CPU 3000',
  cores: 2,
  memoryGiB: 24,
  node: 'v20.20.2',
  os: 'Linux 6.18.0 x64',
  loadAtStart: 0.5,
  loadAtEnd: 0.75,
};

const RATIO: Figure = {
  name: 'poll producer / bare fastify route: 100 connections x 0.5 s',
  unit: 'ratio',
  value: 0.9512,
  min: 0.8,
  max: 1.1,
  samples: 3,
  direction: 'bigger',
};

const RATE: Figure = {
  name: 'poll a|b: 100 connections x 0.5 s',
  unit: 'requests/s',
  value: 12_345,
  min: 10_000,
  max: 15_000,
  samples: 6,
  direction: 'bigger',
};

function report(): BenchReport {
  return {
    profile: QUICK,
    machine: MACHINE,
    sections: [{ title: 'Live HTTP', figures: [RATIO, RATE] }],
    goals: [],
  };
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(report());

  it('names the machine', () => {
    expect(markdown).toContain('Test CPU 3000, 2 cores, 24 GiB memory, Node v20.20.2');
  });

  it('lists ratios with samples', () => {
    expect(markdown).toContain(`| ${RATIO.name} | **0.951** | 0.800 to 1.100 | 3 |`);
  });

  it('escapes pipes in names', () => {
    expect(markdown).toContain('| poll a\\|b: 100 connections x 0.5 s | 12,345 |');
  });

  it('states the closed loop', () => {
    expect(markdown).toContain('closed-loop');
  });
});
