namespace SessionService.Silo;

/// <summary>The SQL files under Schema/, embedded in this assembly.</summary>
internal static class SchemaScripts
{
    public static string Load(string fileName)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
