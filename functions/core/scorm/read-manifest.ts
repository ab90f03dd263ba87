/**
 * What the package checks need from a manifest that passed the schemas: the organisation the LMS
 * shows (the default one), its items, and the resources with their hrefs and files.
 */
import { attribute, childElements, XML_NAMESPACE, type XmlElement } from './xml-tree.js';
import { SCORM_NAMESPACES, type ScormVersion } from './versions.js';

export interface ManifestItem {
  readonly identifier: string;
  readonly title: string;
  /** The resource this item launches; undefined for an item that only groups others. */
  readonly resourceIdentifier: string | undefined;
  /** The item's launch parameters, e.g. "?page=2", added to the resource's href. */
  readonly parameters: string | undefined;
  readonly children: readonly ManifestItem[];
  readonly line: number;
}

export interface ManifestHref {
  readonly href: string;
  /** The xml:base values that apply, outermost first. */
  readonly bases: readonly string[];
  readonly line: number;
}

export interface ManifestResource {
  readonly identifier: string;
  readonly scormType: 'sco' | 'asset' | undefined;
  readonly launch: ManifestHref | undefined;
  readonly files: readonly ManifestHref[];
  readonly line: number;
}

export interface ScormManifest {
  readonly identifier: string;
  /** The default organisation, or the first; undefined when the manifest has none. */
  readonly organisation:
    | { readonly identifier: string; readonly title: string; readonly items: readonly ManifestItem[] }
    | undefined;
  readonly resources: readonly ManifestResource[];
}

export function readManifest(root: XmlElement, version: ScormVersion): ScormManifest {
  const { contentPackaging: cp, adlcp, scormTypeAttribute } = SCORM_NAMESPACES[version];
  const titleOf = (element: XmlElement) => childElements(element, cp, 'title')[0]?.text.trim() ?? '';
  const readItem = (item: XmlElement): ManifestItem => ({
    identifier: attribute(item, '', 'identifier') ?? '',
    title: titleOf(item),
    resourceIdentifier: attribute(item, '', 'identifierref'),
    parameters: attribute(item, '', 'parameters'),
    children: childElements(item, cp, 'item').map(readItem),
    line: item.line,
  });

  const organizations = childElements(root, cp, 'organizations')[0];
  const all = organizations ? childElements(organizations, cp, 'organization') : [];
  const defaultId = organizations && attribute(organizations, '', 'default');
  const chosen = all.find((o) => attribute(o, '', 'identifier') === defaultId) ?? all[0];

  const rootBases = baseOf(root);
  const resourcesElement = childElements(root, cp, 'resources')[0];
  const resourcesBases = [...rootBases, ...(resourcesElement ? baseOf(resourcesElement) : [])];
  const resources = (resourcesElement ? childElements(resourcesElement, cp, 'resource') : []).map(
    (resource): ManifestResource => {
      const bases = [...resourcesBases, ...baseOf(resource)];
      const href = attribute(resource, '', 'href');
      const scormType = attribute(resource, adlcp, scormTypeAttribute);
      return {
        identifier: attribute(resource, '', 'identifier') ?? '',
        scormType: scormType === 'sco' || scormType === 'asset' ? scormType : undefined,
        launch: href === undefined ? undefined : { href, bases, line: resource.line },
        files: childElements(resource, cp, 'file').map((file) => ({
          href: attribute(file, '', 'href') ?? '',
          bases,
          line: file.line,
        })),
        line: resource.line,
      };
    },
  );

  return {
    identifier: attribute(root, '', 'identifier') ?? '',
    organisation: chosen && {
      identifier: attribute(chosen, '', 'identifier') ?? '',
      title: titleOf(chosen),
      items: childElements(chosen, cp, 'item').map(readItem),
    },
    resources,
  };
}

function baseOf(element: XmlElement): string[] {
  const base = attribute(element, XML_NAMESPACE, 'base');
  return base === undefined ? [] : [base];
}

/** Every item of the organisation in document order (depth first), as an LMS lists them. */
export function itemsInOrder(items: readonly ManifestItem[]): ManifestItem[] {
  return items.flatMap((item) => [item, ...itemsInOrder(item.children)]);
}
