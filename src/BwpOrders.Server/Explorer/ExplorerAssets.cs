using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace BwpOrders.Server.Explorer;

/// <summary>One file of the bundled explorer: its bytes, the content type it is served with, and its gzipped bytes if the build made them.</summary>
public sealed record ExplorerAsset(string Name, byte[] Content, string ContentType, byte[]? Gzipped);

/// <summary>
/// The explorer's files, embedded in this assembly at build time as <c>Explorer/NAME</c> (BwpOrders.Server.csproj
/// bundles Explorer/web into Explorer/web/dist with npm). A build without npm has none, not even index.html.
/// </summary>
public static class ExplorerAssets
{
    public const string IndexName = "index.html";
    private const string ResourcePrefix = "Explorer/";

    public static readonly FrozenDictionary<string, ExplorerAsset> All = Load();

    private static FrozenDictionary<string, ExplorerAsset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
        var types = new FileExtensionContentTypeProvider();
        return files.Where(f => !f.Key.EndsWith(GzipSuffix, StringComparison.Ordinal))
            .Select(f => new ExplorerAsset(f.Key, f.Value, ContentTypeOf(types, f.Key), files.GetValueOrDefault(f.Key + GzipSuffix)))
            .ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    private const string GzipSuffix = ".gz";

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(FileExtensionContentTypeProvider types, string name)
    {
        var type = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
        return type.StartsWith("text/", StringComparison.Ordinal) ? type + "; charset=utf-8" : type;
    }
}
