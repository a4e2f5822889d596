// Describe filters and MaxResults/NextToken paging of the EC2 emulator.
import assert from 'node:assert/strict';
import { applyFilters } from '../../../sandbox/ec2/filters';
import { paginate } from '../../../sandbox/ec2/pagination';
import { QueryParams } from '../../../sandbox/ec2/queryProtocol';

interface Item {
  id: string;
  state: string;
  tags: Map<string, string>;
}

const items: Item[] = [
  { id: 'a', state: 'available', tags: new Map([['Name', 'app-vpc']]) },
  { id: 'b', state: 'pending', tags: new Map([['Name', 'legacy-vpc'], ['team', 'x']]) },
  { id: 'c', state: 'available', tags: new Map() },
];
const fields = { id: (i: Item) => i.id, state: (i: Item) => i.state };
const filter = (...f: [string, string[]][]) => applyFilters(items, f.map(([name, values]) => ({ name, values })), fields, (i) => i.tags).map((i) => i.id);

describe('ec2emulator/filters and paging', () => {
  it('values of one filter are OR, filters are AND; wildcards * and ?', () => {
    assert.deepEqual(filter(['state', ['available', 'pending']]), ['a', 'b', 'c']);
    assert.deepEqual(filter(['state', ['available']], ['tag:Name', ['*-vpc']]), ['a']);
    assert.deepEqual(filter(['tag:Name', ['?pp-vpc']]), ['a']);
    assert.deepEqual(filter(['tag-key', ['team']]), ['b']);
    assert.deepEqual(filter(['tag-value', ['legacy*']]), ['b']);
    assert.deepEqual(filter(['id', ['a.b']]), [], 'a dot is literal');
  });

  it('an unknown filter name is InvalidParameterValue naming it', () => {
    assert.throws(() => filter(['colour', ['red']]), { code: 'InvalidParameterValue', message: /colour/ });
  });

  it('pages with opaque tokens bound to the action, within the allowed MaxResults range', () => {
    const list = Array.from({ length: 12 }, (_, i) => i);
    const first = paginate(list, QueryParams.fromBody('MaxResults=5'), 'DescribeVpcs', { min: 5, max: 1000 });
    assert.deepEqual(first.items, [0, 1, 2, 3, 4]);
    const second = paginate(list, QueryParams.fromBody(`MaxResults=5&NextToken=${first.nextToken}`), 'DescribeVpcs', { min: 5, max: 1000 });
    assert.deepEqual(second.items, [5, 6, 7, 8, 9]);
    const last = paginate(list, QueryParams.fromBody(`MaxResults=5&NextToken=${second.nextToken}`), 'DescribeVpcs', { min: 5, max: 1000 });
    assert.deepEqual([last.items, last.nextToken], [[10, 11], undefined]);
    assert.throws(() => paginate(list, QueryParams.fromBody(`NextToken=${first.nextToken}`), 'DescribeSubnets', { min: 5, max: 1000 }), { code: 'InvalidParameterValue' });
    assert.throws(() => paginate(list, QueryParams.fromBody('MaxResults=4'), 'DescribeVpcs', { min: 5, max: 1000 }), { code: 'InvalidParameterValue' });
    assert.deepEqual(paginate(list, QueryParams.fromBody(''), 'DescribeVpcs', { min: 5, max: 1000 }).items.length, 12);
    assert.deepEqual(paginate(list, QueryParams.fromBody('MaxResults=5000'), 'DescribeVpcEndpoints', { min: 1, max: 1000, clampAt: 10 }).items.length, 10);
  });
});
