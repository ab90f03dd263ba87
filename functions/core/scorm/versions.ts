/**
 * The two SCORM versions this module reads and writes, and the XML namespaces that tell them apart.
 * SCORM 1.2 manifests use IMS CP 1.1.2 and the ADL 1.2 extension; SCORM 2004 manifests use
 * IMS CP 1.1.4 and the ADL 1.3 extensions (2004 3rd and 4th Edition share these namespaces; both
 * are checked against the 4th Edition schemas, which accept a 3rd Edition manifest).
 */

export type ScormVersion = '1.2' | '2004';

export interface ScormNamespaces {
  readonly contentPackaging: string;
  readonly adlcp: string;
  /** The ADL attribute that marks a resource as SCO or asset; its spelling differs per version. */
  readonly scormTypeAttribute: string;
}

export const SCORM_NAMESPACES: Readonly<Record<ScormVersion, ScormNamespaces>> = {
  '1.2': {
    contentPackaging: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
    adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
    scormTypeAttribute: 'scormtype',
  },
  '2004': {
    contentPackaging: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3',
    scormTypeAttribute: 'scormType',
  },
};

export const SCORM_2004_EXTRA_NAMESPACES = {
  adlseq: 'http://www.adlnet.org/xsd/adlseq_v1p3',
  adlnav: 'http://www.adlnet.org/xsd/adlnav_v1p3',
  imsss: 'http://www.imsglobal.org/xsd/imsss',
} as const;

/** The version whose content-packaging namespace the manifest root is in, if any. */
export function versionOfNamespace(namespace: string): ScormVersion | undefined {
  if (namespace === SCORM_NAMESPACES['1.2'].contentPackaging) return '1.2';
  if (namespace === SCORM_NAMESPACES['2004'].contentPackaging) return '2004';
  return undefined;
}

/**
 * The version a <schemaversion> value names. SCORM 1.2 writes "1.2"; SCORM 2004 writes
 * "2004 4th Edition", "2004 3rd Edition" or (2nd Edition) "CAM 1.3".
 */
export function versionOfSchemaVersion(value: string): ScormVersion | undefined {
  const trimmed = value.trim();
  if (trimmed === '1.2') return '1.2';
  if (/^2004 (3rd|4th) Edition$/.test(trimmed) || trimmed === 'CAM 1.3') return '2004';
  return undefined;
}
