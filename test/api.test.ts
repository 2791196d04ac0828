// The library's public surface: named exports only, and the version the packet records is package.json's.
import { readFileSync } from 'node:fs';
import { expect, expectTypeOf, test } from 'vitest';
import type * as api from '../src/index.js';
import * as lib from '../src/index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

test('src/index.ts re-exports by name: no wildcard or namespace re-export of a whole module', () => {
  const source = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
  expect(source.match(/export \*/g) ?? []).toEqual([]);
});

test('src/index.ts exports each name as its module defines it: no `as` rename', () => {
  const source = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
  expect(source.match(/\b\w+ as \w+/g) ?? []).toEqual([]);
  expect(typeof lib.composeFaults).toBe('function');
});

test('the fault catalogue is one named object: faults.delay, faults.status, …', () => {
  expect(typeof lib.faults.delay).toBe('function');
  expect(typeof lib.faults.status).toBe('function');
  expect(typeof lib.faults.sequence).toBe('function');
});

test('the library knows its version from package.json, as the CLI does', () => {
  expect(lib.VERSION).toBe(pkg.version);
  expect(lib.VERSION).not.toBe('0.0.0');
});

test('what an exported function takes is exported too, under one name', () => {
  expectTypeOf(lib.buildPacket).parameter(0).toEqualTypeOf<api.PacketInput>();
  expectTypeOf(lib.parseFaultSpec).parameter(1).toEqualTypeOf<api.FaultSpecOptions>();
  expectTypeOf(lib.checkSources).parameter(1).toEqualTypeOf<api.SourceCheckOptions>();
  expectTypeOf(lib.createBudget).parameter(0).toEqualTypeOf<api.BudgetLimits>();
  expectTypeOf(lib.curlReproducer).parameter(0).toEqualTypeOf<api.ReproducerInput>();
  expectTypeOf(lib.planChecks).parameter(2).toEqualTypeOf<api.TargetOverrides | undefined>();
  expectTypeOf(lib.profileLedger).parameter(1).toEqualTypeOf<api.LedgerTarget>();
  expectTypeOf(lib.errorBody).parameter(1).toEqualTypeOf<api.ErrorBodyInput>();
  expectTypeOf(lib.renderAuditTable).parameter(1).toEqualTypeOf<api.AuditTableStyle | undefined>();
});
