namespace BwpOrders.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the directory above the test binaries that holds BwpOrders.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BwpOrders.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("BwpOrders.sln not found above " + AppContext.BaseDirectory);
    }
}
