using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace BwpOrders.Tests;

/// <summary>
/// <c>dotnet pack src/BwpOrders.Testing</c> makes one package a test project can use alone: the server's assemblies
/// inside it, and as its dependencies the packages they reference, at the versions their project files give.
/// </summary>
public sealed class TestingPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly string Root = Infrastructure.RepositoryRoot.Path;

    [Fact]
    public async Task Bundles_the_server_and_depends_on_the_packages_its_projects_reference()
    {
        var output = Directory.CreateTempSubdirectory("bwp-pack-");
        try
        {
            // --no-build: the assemblies the suite was built with.
            var info = new ProcessStartInfo("dotnet", ["pack", Path.Combine(Root, "src", "BwpOrders.Testing"), "-c", Configuration, "--no-build", "-o", output.FullName])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var pack = Process.Start(info)!;
            var log = await pack.StandardOutput.ReadToEndAsync() + await pack.StandardError.ReadToEndAsync();
            await pack.WaitForExitAsync();
            Assert.True(pack.ExitCode == 0, log);

            using var package = ZipFile.OpenRead(Assert.Single(output.GetFiles("BwpOrders.Testing.*.nupkg")).FullName);
            var lib = package.Entries.Where(e => e.FullName.StartsWith("lib/net10.0/") && e.Name.EndsWith(".dll")).Select(e => e.Name).Order();
            Assert.Equal(["BwpOrders.Domain.dll", "BwpOrders.Server.dll", "BwpOrders.Storage.dll", "BwpOrders.Testing.dll"], lib);

            XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
            using var nuspec = package.GetEntry("BwpOrders.Testing.nuspec")!.Open();
            var metadata = XDocument.Load(nuspec).Root!.Element(ns + "metadata")!;
            var dependencies = metadata.Descendants(ns + "dependency").Select(d => $"{d.Attribute("id")!.Value} {d.Attribute("version")!.Value}").ToList();
            var referenced = new[] { "BwpOrders.Server", "BwpOrders.Storage", "BwpOrders.Domain" }.SelectMany(PackageReferences).ToList();
            Assert.All(dependencies, d => Assert.Contains(d, referenced));
            Assert.Contains("GraphQL 8.8.5", dependencies); // and no dependency on a BwpOrders package, which does not exist
            Assert.Contains("Npgsql 10.0.0", dependencies);
            Assert.Contains("Microsoft.Data.Sqlite 10.0.0", dependencies);
            Assert.DoesNotContain(dependencies, d => d.StartsWith("BwpOrders."));
            Assert.Equal(["Microsoft.AspNetCore.App"], metadata.Descendants(ns + "frameworkReference").Select(f => f.Attribute("name")!.Value));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> PackageReferences(string project) =>
        XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj")).Descendants("PackageReference")
            .Select(r => $"{r.Attribute("Include")!.Value} {r.Attribute("Version")!.Value}");

}
