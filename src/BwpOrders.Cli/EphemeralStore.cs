namespace BwpOrders.Cli;

/// <summary>
/// <c>serve --ephemeral</c>: a SQLite store in a fresh directory under the system's temporary folder, deleted when the
/// server exits (a normal stop, Ctrl+C or SIGTERM; not SIGKILL, which leaves it to the temporary folder's cleaning).
/// </summary>
public sealed class EphemeralStore : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("bwp-ephemeral-").FullName;

    public string Spec => "sqlite:" + Path.Combine(Directory, "bwp-orders.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not delete the ephemeral store {Directory}: {e.Message}");
        }
    }
}
