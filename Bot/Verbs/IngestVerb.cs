using Communaute.Knowledge.Ingestion;

namespace Communaute.Bot.Verbs;

/// <summary>`ingest SEEDS DEST [--force]`: first cut of the seed documents into knowledge files, for curators to edit.</summary>
public static class IngestVerb
{
    public static Task<int> RunAsync(string[] args)
    {
        var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (paths.Count != 2)
        {
            Console.Error.WriteLine("usage : ingest DOSSIER_SOURCES DOSSIER_SORTIE [--force]   (par ex. ingest ../shared/seeds data/ingested)");
            return Task.FromResult(2);
        }
        try
        {
            var result = SeedIngester.Ingest(paths[0], paths[1], args.Contains("--force"));
            Console.WriteLine($"{result.Files} fiches écrites depuis {result.Documents} documents dans {result.Output}. " +
                              "Relisez-les et curez-les avant de les placer dans Knowledge/base.");
            return Task.FromResult(0);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return Task.FromResult(1);
        }
    }
}
