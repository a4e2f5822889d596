// HCL text shared by the steps' Terraform forms: string literals, keys and tag blocks.
import { TAG_BRANCH, type ResourceTag } from '../resourceTags';

/**
 * Only Name and branch: Terraform-managed resources are not the extension's to delete, so they
 * do not get the extension's created-by/request tags.
 */
export function terraformTags(tags: ResourceTag[]): ResourceTag[] {
  return tags.filter((t) => t.Key === 'Name' || t.Key === TAG_BRANCH);
}

export function tagsBlock(tags: ResourceTag[]): string[] {
  if (tags.length === 0) return [];
  const width = Math.max(...tags.map((t) => hclKey(t.Key).length));
  return ['  tags = {', ...tags.map((t) => `    ${hclKey(t.Key).padEnd(width)} = ${hcl(t.Value)}`), '  }'];
}

/** An HCL string literal; `${` and `%{` would start interpolation and are escaped. */
export function hcl(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // Replacer functions: in a replacement string `$$` would itself collapse to `$`.
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}

function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hcl(key);
}
