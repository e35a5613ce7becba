using Communaute.Bot.Hosting;
using Communaute.Bot.Privacy;
using Communaute.Bot.Ratings;
using Communaute.Dialogs.Characterisation;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;

namespace Communaute.Bot.Dialogs;

/// <summary>The dialog engine, the characterisation, the pitch and the personal-data commands.</summary>
public static class DialogsSetup
{
    public static IServiceCollection AddDialogs(this IServiceCollection services)
    {
        services.AddScoped<IDialogStateStore, EfDialogStateStore>();
        services.AddScoped<ICharacterisationRepository, EfCharacterisationRepository>();
        services.AddScoped<ProfileBuilder>();
        services.AddScoped<CharacterisationStatistics>();
        services.AddScoped<PersonalDataService>();

        services.AddScoped<ICommandCatalog, HelpCommandCatalog>();
        services.AddScoped<IDialog, CharacterisationDialog>();
        services.AddScoped<IDialog, PitchDialog>();
        services.AddScoped<IDialog, DeleteMyDataDialog>();

        services.AddScoped<IPersonalDataSource, MemberData>();
        services.AddScoped<IPersonalDataSource, ConversationsData>();
        services.AddScoped<IPersonalDataSource, UnansweredQuestionsData>();
        services.AddScoped<IPersonalDataSource, AnswerAuditsData>();
        services.AddScoped<IPersonalDataSource, DialogStatesData>();
        services.AddScoped<IPersonalDataSource, CharacterisationsData>();
        services.AddScoped<IPersonalDataSource, MediaFilesData>();

        services.AddFeature<DialogFeature>();
        services.AddFeature<CharacterisationFeature>();
        services.AddFeature<PrivacyFeature>();

        // Rating answers is not a dialog: registered from here while Bot/Hosting is reworked in parallel (move the call
        // to BotApp.AddServices beside AddDialogs at the next merge).
        services.AddRatings();
        return services;
    }

    public static IEndpointRouteBuilder MapDialogs(this IEndpointRouteBuilder app) => app.MapMedia();
}
