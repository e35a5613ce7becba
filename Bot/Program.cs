using Communaute.Bot.Hosting;
using Communaute.Bot.Security;
using Communaute.Bot.Verbs;

try
{
    if (args.Length > 0 && VerbRunner.IsVerb(args[0]))
        return await VerbRunner.RunAsync(args);

    var app = await BotApp.BuildAsync(BotApp.CreateBuilder(args));
    app.Lifetime.ApplicationStarted.Register(() =>
        app.Logger.LogInformation("Bot prêt : ouvrez {Urls} pour discuter avec lui dans le navigateur",
            string.Join(", ", app.Urls)));
    await app.RunAsync();
    return 0;
}
catch (ConfigurationErrorException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (BotConfigurationException e)
{
    Console.Error.WriteLine("Le bot ne démarre pas : " + e.Message);
    return 3;
}
