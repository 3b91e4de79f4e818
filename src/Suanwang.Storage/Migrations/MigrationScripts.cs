using System.Globalization;

namespace Suanwang.Storage.Migrations;

/// <summary>The migrations embedded in this assembly, per dialect.</summary>
internal static class MigrationScripts
{
    /// <summary>The dialect's migrations in version order.</summary>
    public static IReadOnlyList<Migration> For(string dialect)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"Migrations/{dialect}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[prefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"migration '{name}' is not named NNN_name.sql");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"migration '{name}' cannot be read");
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"two {dialect} migrations have version {migrations[i].Version}");
            }
        }

        return migrations;
    }
}
