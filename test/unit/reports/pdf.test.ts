import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '@/lib/reports';
import { pdfText } from '@/lib/reports/pdf/layout';
import { pdfPages, pdfToText } from '../../helpers/pdf';
import { finding, sampleReport } from '../../helpers/report';

describe('the report PDF', () => {
  it('carries the cover, every section, the figures and page numbers on each page', async () => {
    const pdf = await renderReportPdf(sampleReport());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(pdf);
    for (const expected of [
      'NORTHBRIDGE PARTNERS',
      'Quarterly compliance report',
      'Equities Trading (finance)',
      '2026-Q3: 1 Jul 2026 to 30 Sept 2026',
      'Generated 23 Nov 2026, 14:05 UTC by Olivia Officer',
      '1. Executive summary',
      '81.4',
      'Medium risk',
      '+3.2',
      '7 of 40 (18%)',
      '33 of 40 (83%)',
      'The findings that matter most',
      'Risk over time: 2025-Q4 to 2026-Q3',
      'Findings by rule',
      'Attestation completion',
      'Device posture',
      'Exceptions in force',
      'People at high risk',
      'Review and sign-off',
      'Reviewed by (name)',
    ]) {
      expect(text).toContain(expected);
    }
    const pages = pdfPages(pdf);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain('Scope: Equities Trading (finance) - 2026-Q3');
    });
  });

  it('writes severity in words and cites each rule with its remediation', async () => {
    const text = pdfToText(await renderReportPdf(sampleReport({ overrides: { findings: [finding('F1', 4, 6)] } })));
    expect(text).toContain('CRITICAL');
    expect(text).toContain('SEC Rule 17a-4(b)(4)');
    expect(text).toContain('1. Move business conversations to an approved,');
  });

  it('continues a long table on the next pages with its header repeated, and says when a list was cut', async () => {
    const pdf = await renderReportPdf(sampleReport({ rows: 150 }));
    const pages = pdfPages(pdf);
    const continued = pages.filter((page) => page.includes('(continued)'));
    expect(continued.length).toBeGreaterThanOrEqual(4);
    for (const page of continued) expect(page).toMatch(/Name\s+E-mail/);
    const text = pages.join('\n');
    expect(text).toContain('Person 149');
    expect(text).toContain('Showing 150 of 160 people at high risk');
  });

  it('says plainly when there is nothing to list', async () => {
    const report = sampleReport({
      overrides: {
        figures: null,
        previous: null,
        findings: [],
        exceptions: { rows: [], total: 0 },
        highRisk: { rows: [], total: 0 },
        attestation: { campaign: null, overdue: { rows: [], total: 0 }, awaiting: 0 },
        trend: { ...sampleReport().trend, points: [] },
      },
    });
    const text = pdfToText(await renderReportPdf(report));
    for (const expected of ['There are no figures for this scope and quarter', 'Nobody in scope fails any rule.', 'No attestation campaign had opened', 'Nobody is overdue.', 'No exceptions were in force.', 'Nobody in scope is at high risk.', 'No daily figures in these quarters.']) {
      expect(text).toContain(expected);
    }
  });

  it('spells out or replaces characters the built-in fonts cannot draw', () => {
    expect(pdfText('score ≥ 90 → low ✓')).toBe('score >= 90 -> low yes');
    expect(pdfText('Zoë – “Ñandú” €5')).toBe('Zoë – “Ñandú” €5');
    expect(pdfText('王芳 🙂')).toBe('?? ?');
  });
});
