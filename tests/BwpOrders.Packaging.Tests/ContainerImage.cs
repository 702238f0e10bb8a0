using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BwpOrders.Packaging.Tests;

/// <summary>
/// The container image as <c>scripts/container.sh --local-base</c> builds it (this machine reaches no public registry),
/// loaded into podman once for the run, and podman's Docker-compatible socket for Testcontainers. podman runs with a
/// containers.conf of the run's own: runc, and ulimits the sandbox allows (see distribution-notes, "What podman needed").
/// </summary>
public sealed class ContainerImage : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bwp-container", Guid.NewGuid().ToString("N"));
    private Process? _service;

    /// <summary>The image as podman named it on load (<c>docker.io/library/bwp-orders:VERSION</c>).</summary>
    public string Image { get; private set; } = "";

    /// <summary>The OCI archive scripts/container.sh wrote.</summary>
    public string Archive => Path.Combine(_root, "bwp-orders.tar");

    public string DockerHost => "unix://" + Socket;
    private string Socket => Path.Combine(_root, "podman.sock");
    private string Config => Path.Combine(_root, "containers.conf");
    public string EventsLog => Path.Combine(_root, "events.log");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(Config, $"""
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=1000:1000"]
            [engine]
            runtime = "runc"
            events_logger = "file"
            events_logfile_path = "{EventsLog}"
            """);
        await Repository.RunAsync(_root, new Dictionary<string, string>(), "bash", "scripts/container.sh", "--local-base", Archive);
        var loaded = await PodmanAsync("load", "-i", Archive);
        Image = Regex.Match(loaded, @"Loaded image: (\S+)").Groups[1].Value;
        Assert.False(Image == "", loaded);

        var info = new ProcessStartInfo("podman") { ArgumentList = { "system", "service", "--time=0", DockerHost }, UseShellExecute = false };
        info.Environment["CONTAINERS_CONF"] = Config;
        _service = Process.Start(info) ?? throw new InvalidOperationException("could not start podman system service");
        var deadline = DateTime.UtcNow.AddSeconds(30); // a hang guard, not a speed limit
        while (!File.Exists(Socket))
        {
            if (_service.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("podman system service did not open " + Socket);
            await Task.Delay(50);
        }
    }

    /// <summary>One podman command to completion, with this run's containers.conf; its output.</summary>
    public Task<string> PodmanAsync(params string[] args) =>
        Repository.RunAsync(_root, new Dictionary<string, string> { ["CONTAINERS_CONF"] = Config }, "podman", args);

    /// <summary>What a Testcontainers client needs to reach this podman: its socket, and no Ryuk (its image cannot be pulled here).</summary>
    public IReadOnlyDictionary<string, string> TestcontainersEnvironment => new Dictionary<string, string>
    {
        ["DOCKER_HOST"] = DockerHost,
        ["TESTCONTAINERS_RYUK_DISABLED"] = "true",
        ["CONTAINERS_CONF"] = Config,
    };

    public async Task DisposeAsync()
    {
        if (_service is { HasExited: false }) _service.Kill(entireProcessTree: true);
        _service?.Dispose();
        try { await PodmanAsync("rmi", "--force", Image); } catch (InvalidOperationException) { } // an image left behind is only disk
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ContainerImageCollection : ICollectionFixture<ContainerImage>
{
    public const string Name = "container image";
}
