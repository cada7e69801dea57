import { renderToString } from 'preact-render-to-string';
import type { PageContext } from './layout';
import { StatisticsChart } from './public';

const ctx = (lang: 'lo' | 'en'): PageContext => ({ lang, path: '/answers', signedIn: false, asset: (name) => name });

describe("the hotline's public statistics on the answers page", () => {
  const rows = [
    { key: 'roads', received: 10, answered: 6, published: null, answeredWithinTarget: 5, medianDaysToAnswer: 4 },
    { key: 'water-supply', received: 40, answered: 30, published: 12, answeredWithinTarget: 25, medianDaysToAnswer: 6 },
    {
      key: 'health',
      received: null,
      answered: null,
      published: 0,
      answeredWithinTarget: null,
      medianDaysToAnswer: null,
    },
    { key: null, received: 5, answered: 0, published: 0, answeredWithinTarget: 0, medianDaysToAnswer: null },
  ];
  const names: [string, string][] = [
    ['water-supply', 'Water supply'],
    ['roads', 'Roads'],
    ['health', 'Health'],
  ];
  const html = renderToString(
    <StatisticsChart ctx={ctx('en')} by="topic" rows={rows} names={names} link={(by) => `/answers?by=${by}`} />,
  );
  const bodyRows = [...html.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map((m) => [m[1], m[2]]);

  it('draws a bar for each count received, the largest full width, most received first', () => {
    expect(bodyRows.map(([name]) => name)).toEqual(['Water supply', 'Roads', 'Not given', 'Health']);
    expect(bodyRows[0][1]).toContain('width:100%');
    expect(bodyRows[1][1]).toContain('width:25%');
    expect(bodyRows[2][1]).toContain('width:13%');
  });

  it('shows a suppressed count (1 to 4) as "1–4", without a bar; a zero as 0', () => {
    const health = bodyRows[3][1];
    expect(health).not.toContain('class="bar"');
    expect(health.match(/1–4/g)).toHaveLength(2);
    expect(health).toContain('<td>0</td>');
    expect(bodyRows[1][1]).toContain('<td>1–4</td>'); // roads: published suppressed
  });

  it('is a table with headers and a caption that says why counts are hidden, and links to the other dimensions', () => {
    expect(html).toContain('<th scope="col">Topic</th>');
    expect(html).toMatch(/<caption>[^<]*1 to 4 are not shown/);
    expect(html).toContain('<strong aria-current="page">Topic</strong>');
    expect(html).toContain('href="/answers?by=ministry"');
    expect(html).toContain('href="/answers?by=province"');
  });
});
