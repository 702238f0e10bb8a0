using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// Where the server's settings come from. The content root is the application's folder, never the working
/// directory, and the defaults are built in rather than read from a file, so the server starts the same from any folder.
/// </summary>
internal static class HostConfiguration
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    public static WebApplicationBuilder CreateBuilder(BwpOrdersOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            // Read before the sources below can be dropped: without the process's configuration,
            // ASPNETCORE_ENVIRONMENT=Development must not switch the logs to the plain console either.
            EnvironmentName = options.ReadProcessConfiguration ? null : Environments.Production,
        });
        var sources = builder.Configuration.Sources;
        if (!options.ReadProcessConfiguration)
            foreach (var source in sources.Where(s => s is EnvironmentVariablesConfigurationSource or JsonConfigurationSource).ToList())
                sources.Remove(source);
        sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        builder.WebHost.UseUrls(options.Urls);
        return builder;
    }
}
