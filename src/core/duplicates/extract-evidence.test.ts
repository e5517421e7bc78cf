import { describe, expect, it } from 'vitest';
import { extractDuplicateEvidence, normaliseMessage } from './extract-evidence.ts';

const JAVA_REPORT = {
  title: 'NPE in FileSystem.get when fs.defaultFS is unset',
  body: `Running on Hadoop 3.3.1 the client fails:

{code}
java.lang.NullPointerException: Cannot invoke "java.net.URI.getScheme()" because "uri" is null
	at org.apache.hadoop.fs.FileSystem.get(FileSystem.java:512)
	at org.apache.hadoop.fs.FileSystem.get(FileSystem.java:234)
	at org.apache.hadoop.mapred.JobClient.init(JobClient.java:470)
	at java.base/java.lang.Thread.run(Thread.java:829)
Caused by: java.io.IOException: Filesystem closed
{code}
2021-09-08 00:21:11,596 ERROR namenode.NameNode: Failed to start namenode at /var/lib/hadoop/dfs/name
Config key dfs.namenode.name.dir is set; see DistributedFileSystem and retry_policy_spec.
See https://issues.apache.org/jira/browse/HDFS-1234.`,
};

const PYTHON_REPORT = {
  title: 'load_dataset crashes with KeyError',
  body: `Traceback (most recent call last):
  File "/home/u/venv/lib/python3.10/site-packages/datasets/load.py", line 1797, in load_dataset
    builder_instance = load_dataset_builder(
  File "/home/u/venv/lib/python3.10/site-packages/datasets/builder.py", line 1412, in _prepare_split
    raise KeyError(key)
KeyError: 'train'
datasets version: 2.14.5`,
};

describe('extractDuplicateEvidence', () => {
  it('reads exceptions, Java frames, log errors, identifiers, versions and urls', () => {
    const fp = extractDuplicateEvidence(JAVA_REPORT);
    expect(fp.errorMessages.some((e) => e.startsWith('java.lang.NullPointerException: Cannot invoke'))).toBe(
      true,
    );
    expect(fp.errorMessages).toContain('java.io.IOException: Filesystem closed');
    expect(
      fp.errorMessages.some((e) => e.startsWith('namenode.NameNode: Failed to start namenode at <path>')),
    ).toBe(true);
    expect(fp.stackFrames).toEqual([
      'org.apache.hadoop.fs.FileSystem.get',
      'org.apache.hadoop.mapred.JobClient.init',
      'java.lang.Thread.run',
    ]);
    expect(fp.identifiers).toEqual(
      expect.arrayContaining([
        'NullPointerException',
        'IOException',
        'DistributedFileSystem',
        'retry_policy_spec',
        'dfs.namenode.name.dir',
        'FileSystem.java',
      ]),
    );
    expect(fp.versions).toContain('3.3.1');
    expect(fp.urls).toEqual(['https://issues.apache.org/jira/browse/hdfs-1234']);
    expect(fp.terms).toEqual(expect.arrayContaining(['filesystem', 'namenode', 'fail']));
  });

  it('reads Python tracebacks as file:function frames', () => {
    const fp = extractDuplicateEvidence(PYTHON_REPORT);
    expect(fp.stackFrames).toEqual(['load.py:load_dataset', 'builder.py:_prepare_split']);
    expect(fp.errorMessages).toContain("KeyError: 'train'");
    expect(fp.versions).toContain('2.14.5');
    expect(fp.identifiers).toEqual(expect.arrayContaining(['KeyError', 'load_dataset', 'load.py']));
  });

  it('reads JavaScript frames as file:function', () => {
    const fp = extractDuplicateEvidence({
      title: 'crash',
      body: 'TypeError: x is undefined\n    at render (/app/src/view.js:10:5)\n    at Object.run (/app/src/main.ts:3:1)',
    });
    expect(fp.stackFrames).toEqual(['view.js:render', 'main.ts:Object.run']);
    expect(fp.errorMessages).toContain('TypeError: x is undefined');
  });

  it('does not take IP addresses for versions', () => {
    expect(
      extractDuplicateEvidence({ title: 'cannot reach 192.168.10.1', body: 'on 2.7.3' }).versions,
    ).toEqual(['2.7.3']);
  });

  it('handles an empty issue', () => {
    expect(extractDuplicateEvidence({ title: '', body: '' })).toEqual({
      errorMessages: [],
      stackFrames: [],
      identifiers: [],
      versions: [],
      urls: [],
      terms: [],
    });
  });

  it('bounds its output and time on a huge body', () => {
    const line =
      'at org.apache.hadoop.Foo.bar(Foo.java:1)\nERROR something went wrong in BlockManager number 7\n';
    const body = Array.from({ length: 20_000 }, (_, i) => line.replace('bar', `bar${i}`)).join('');
    const started = performance.now();
    const fp = extractDuplicateEvidence({ title: 'huge log', body });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(fp.stackFrames.length).toBeLessThanOrEqual(80);
    expect(fp.errorMessages.length).toBeLessThanOrEqual(40);
    expect(fp.terms.length).toBeLessThanOrEqual(400);
  });
});

describe('normaliseMessage', () => {
  it('blanks out numbers, hex ids and paths so re-reports compare equal', () => {
    expect(normaliseMessage('Block 0x7f3a at /data/1/dfs/blk_123 failed after 3 retries.')).toBe(
      normaliseMessage('Block 0x00ff at /data/9/dfs/blk_987 failed after 5 retries'),
    );
  });
});
