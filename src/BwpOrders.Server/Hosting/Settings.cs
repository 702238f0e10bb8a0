using Microsoft.Extensions.Options;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// Binds a configuration section once, at start, to its settings type; checks it there, so a malformed value stops
/// the start with a message naming the setting (<c>serve</c> prints it and exits 2); and registers the one instance
/// for injection, as itself and as <see cref="IOptions{T}"/>. Checked while building rather than by
/// <c>ValidateOnStart</c> because the values wire the server before it starts (Kestrel's limits, the storage, which
/// workers run).
/// </summary>
public static class Settings
{
    /// <param name="check">Throws an <see cref="ArgumentException"/> naming the setting that is wrong.</param>
    public static T Bind<T>(WebApplicationBuilder builder, string section, Action<T>? check = null) where T : class, new()
    {
        T settings;
        try
        {
            settings = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the setting and the type it wanted ("... at 'Limits:MaxQueryDepth' to type 'System.Int32'").
            throw new ArgumentException(e.Message, e);
        }
        check?.Invoke(settings);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(Options.Create(settings));
        return settings;
    }

    /// <summary>Fails on the first whole-number setting of <paramref name="settings"/> below <paramref name="least"/>.</summary>
    public static void CheckAtLeast<T>(T settings, string section, long least, params string[] except)
    {
        foreach (var property in typeof(T).GetProperties())
        {
            if (except.Contains(property.Name)) continue;
            var value = property.GetValue(settings) switch { int i => i, long l => l, _ => (long?)null };
            if (value < least) throw new ArgumentException($"{section}:{property.Name} must be at least {least}, not {value}.");
        }
    }
}
