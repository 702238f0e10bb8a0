using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace BwpOrders.Server.Explorer;

/// <summary>One file of the bundled explorer: its bytes and the content type it is served with.</summary>
public sealed record ExplorerAsset(string Name, byte[] Content, string ContentType);

/// <summary>
/// The explorer's files, embedded in this assembly at build time as <c>Explorer/NAME</c> (BwpOrders.Server.csproj
/// bundles Explorer/web into Explorer/web/dist with npm). A build without npm has none: <see cref="Built"/> is false.
/// </summary>
public static class ExplorerAssets
{
    public const string IndexName = "index.html";
    private const string ResourcePrefix = "Explorer/";

    public static readonly FrozenDictionary<string, ExplorerAsset> All = Load();

    public static bool Built => All.ContainsKey(IndexName);

    private static FrozenDictionary<string, ExplorerAsset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var types = new FileExtensionContentTypeProvider();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[ResourcePrefix.Length..];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return new ExplorerAsset(name, copy.ToArray(), ContentTypeOf(types, name));
            })
            .ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    private static string ContentTypeOf(FileExtensionContentTypeProvider types, string name)
    {
        var type = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
        return type.StartsWith("text/", StringComparison.Ordinal) ? type + "; charset=utf-8" : type;
    }
}
