// EC2 Describe filters: a resource matches when every filter matches (AND), and a filter
// matches when any of its values matches any of the resource's values for that name (OR).
// Values may use the `*` and `?` wildcards. Unknown filter names are rejected as EC2 does.
import { Ec2Error, type Filter } from './queryProtocol';
import type { Tags } from './model';

type Scalar = string | number | boolean | undefined;
export type FilterFields<T> = Record<string, (item: T) => Scalar | Scalar[]>;

function wildcardRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

function asStrings(value: Scalar | Scalar[]): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== undefined).map((v) => String(v));
}

function tagValues(tags: Tags, filterName: string): string[] | undefined {
  if (filterName.startsWith('tag:')) {
    const value = tags.get(filterName.slice(4));
    return value === undefined ? [] : [value];
  }
  if (filterName === 'tag-key') return [...tags.keys()];
  if (filterName === 'tag-value') return [...tags.values()];
  return undefined;
}

export function applyFilters<T>(items: T[], filters: Filter[], fields: FilterFields<T>, tagsOf?: (item: T) => Tags): T[] {
  for (const f of filters) {
    const isTag = f.name.startsWith('tag:') || f.name === 'tag-key' || f.name === 'tag-value';
    if (isTag ? !tagsOf : !(f.name in fields)) {
      throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    }
  }
  return items.filter((item) =>
    filters.every((f) => {
      const actual = (tagsOf && tagValues(tagsOf(item), f.name)) ?? asStrings(fields[f.name](item));
      return f.values.some((pattern) => {
        const re = wildcardRegex(pattern);
        return actual.some((v) => re.test(v));
      });
    }),
  );
}
