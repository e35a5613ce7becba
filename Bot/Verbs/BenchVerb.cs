namespace Communaute.Bot.Verbs;

public static class BenchVerb
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("bench: à venir");
        return Task.FromResult(0);
    }
}
