using Communaute.Bot.Verbs;

return await BenchVerb.RunAsync(args);
