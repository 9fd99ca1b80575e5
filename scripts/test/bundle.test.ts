import { describe, expect, it } from 'vitest';
import { transactionlink } from '../lib/apis.js';
import { bundleSections, readSections } from '../lib/bundle.js';
import { SpecError, schemasOf, serializeSpec } from '../lib/openapi.js';

describe('bundle', () => {
  it('gives the same bytes whatever the order of the sections', async () => {
    const sections = await readSections(transactionlink);
    const forward = serializeSpec(bundleSections(sections));
    const backward = serializeSpec(bundleSections([...sections].reverse()));
    expect(backward).toBe(forward);
  });

  it('holds every operation once and the shared schemas once', async () => {
    const bundle = bundleSections(await readSections(transactionlink));
    const operations = Object.values(bundle.paths).flatMap((item) => Object.keys(item));
    expect(operations).toHaveLength(15);
    const schemas = Object.keys(schemasOf(bundle));
    expect(schemas.filter((name) => name === 'ErrorResponse')).toHaveLength(1);
    expect(schemas).toContain('RoleRefResponse');
  });

  it('rejects two sections defining a shared schema differently, naming both', async () => {
    const sections = await readSections(transactionlink);
    const memberships = sections.find((s) => s.section === 'workspace-memberships');
    if (!memberships) throw new Error('no workspace-memberships section');
    const copy = structuredClone(memberships.doc);
    (schemasOf(copy).RoleRefResponse as { required: string[] }).required = ['id'];
    const changed = sections.map((s) => (s === memberships ? { ...s, doc: copy } : s));

    expect(() => bundleSections(changed)).toThrowError(SpecError);
    expect(() => bundleSections(changed)).toThrowError(
      /section workspace-memberships: schema RoleRefResponse conflicts with the definition from section organization: at \/required/,
    );
  });

  it('rejects a reference to a schema no section defines', async () => {
    const sections = await readSections(transactionlink);
    const users = sections.find((s) => s.section === 'users');
    if (!users) throw new Error('no users section');
    const copy = structuredClone(users.doc);
    delete schemasOf(copy).UserProfileResponse;
    expect(() => bundleSections(sections.map((s) => (s === users ? { ...s, doc: copy } : s)))).toThrowError(
      /section users: schema UserProfileResponse is referenced but never defined/,
    );
  });
});
