/** What an admin sees of an imported package. */
import { packageContentUrl, type PackageWorkMoment } from './work-moments.js';

export interface PackageSummary {
  packageId: string;
  workMomentId: string;
  itemId: string;
  title: string;
  nominalMinutes: number;
  outcomes: number[];
  scormVersion: '1.2' | '2004';
  launchUrl: string;
  fileName: string;
  fileCount: number;
  totalBytes: number;
  uploadedAt: string;
}

export function packageSummary(p: PackageWorkMoment): PackageSummary {
  return {
    packageId: p.packageId,
    workMomentId: p.workMomentId,
    itemId: p.itemId,
    title: p.title,
    nominalMinutes: p.nominalMinutes,
    outcomes: [...p.outcomes],
    scormVersion: p.scormVersion,
    launchUrl: packageContentUrl(p.packageId, p.launchPath),
    fileName: p.fileName,
    fileCount: p.fileCount,
    totalBytes: p.totalBytes,
    uploadedAt: p.uploadedAt,
  };
}
