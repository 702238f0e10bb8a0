using System.Reflection;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace BwpOrders.Testcontainers;

/// <summary>
/// Builds a <see cref="BwpOrdersContainer"/>: the <c>bwp-orders</c> image running <c>serve</c> on a store inside the
/// container (gone with it), its port 8080 on a random host port, ready once <c>/healthz</c> answers and the sandbox
/// credential it prints on its fresh store is logged (<see cref="UntilSandboxIsReady"/>).
/// <code>
/// await using var bwp = new BwpOrdersBuilder().Build();
/// await bwp.StartAsync();
/// var credential = await bwp.GetSandboxCredentialAsync();
/// </code>
/// </summary>
public sealed class BwpOrdersBuilder : ContainerBuilder<BwpOrdersBuilder, BwpOrdersContainer, ContainerConfiguration>
{
    /// <summary>The image of the release this module belongs to: <c>bwp-orders:</c> and this package's version.</summary>
    public static readonly string DefaultImage = "bwp-orders:" + (typeof(BwpOrdersBuilder).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "latest");

    /// <summary>The port the image serves on.</summary>
    public const ushort ApiPort = 8080;

    /// <summary>How long a start may take before it fails (an unpulled image, a server that never answers).</summary>
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The image of this release (<see cref="DefaultImage"/>); <c>WithImage</c> picks another.</summary>
    public BwpOrdersBuilder()
        : this(new ContainerConfiguration())
    {
        DockerResourceConfiguration = Init().DockerResourceConfiguration;
    }

    private BwpOrdersBuilder(ContainerConfiguration configuration)
        : base(configuration)
    {
        DockerResourceConfiguration = configuration;
    }

    /// <inheritdoc />
    protected override ContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>Packages move PENDING → IN_TRANSIT → DELIVERED on each target's clock (<c>serve --simulate-fulfillment</c>).</summary>
    public BwpOrdersBuilder WithSimulatedFulfillment() => WithEnvironment("BWP_SIMULATE_FULFILLMENT", "1");

    /// <summary>Ids generated from this seed (<c>serve --seed</c>): the same requests on a fresh container get the same ids.</summary>
    public BwpOrdersBuilder WithSeed(int seed) => WithCommand("--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Shares the host's network and listens on a free port of the host's loopback, as the binary on a laptop does: the
    /// sandbox then delivers webhooks over plain HTTP to <c>http://127.0.0.1:PORT</c> in the test process (it allows
    /// loopback destinations only to a server that listens on loopback alone). Linux hosts, or Docker Desktop with host
    /// networking turned on.
    /// </summary>
    public BwpOrdersBuilder WithHostNetwork()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return WithCreateParameterModifier(parameters => (parameters.HostConfig ?? throw new InvalidOperationException("no host configuration to set the network mode on")).NetworkMode = "host")
            .WithEnvironment("ASPNETCORE_URLS", $"{HostLoopback}{port}");
    }

    /// <summary>The start of the address <see cref="WithHostNetwork"/> has the server listen on.</summary>
    internal const string HostLoopback = "http://127.0.0.1:";

    /// <inheritdoc />
    public override BwpOrdersContainer Build()
    {
        // Port 8080 is published unless the container shares the host's network (a binding there is left unpublished,
        // and waiting for it would never end).
        var builder = OnHostLoopback(DockerResourceConfiguration) is null ? WithPortBinding(ApiPort, assignRandomHostPort: true) : this;
        builder.Validate();
        return new BwpOrdersContainer(builder.DockerResourceConfiguration);
    }

    /// <summary>The address the server listens on in the host's network (<see cref="WithHostNetwork"/>), else null.</summary>
    internal static Uri? OnHostLoopback(IContainerConfiguration configuration) =>
        configuration.Environments is { } environment && environment.TryGetValue("ASPNETCORE_URLS", out var urls)
        && urls.StartsWith(HostLoopback, StringComparison.Ordinal) ? new Uri(urls + "/") : null;

    /// <inheritdoc />
    protected override BwpOrdersBuilder Init() => base.Init()
        .WithImage(DefaultImage)
        .WithCommand("serve")
        .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new UntilSandboxIsReady(), wait => wait.WithTimeout(DefaultStartupTimeout)));

    /// <inheritdoc />
    protected override BwpOrdersBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new ContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override BwpOrdersBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new ContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override BwpOrdersBuilder Merge(ContainerConfiguration oldValue, ContainerConfiguration newValue) =>
        new(new ContainerConfiguration(oldValue, newValue));
}
