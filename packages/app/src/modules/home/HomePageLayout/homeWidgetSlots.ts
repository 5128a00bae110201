/** Where a home page widget goes: earlier order first, width in 12ths. */
export interface HomeWidgetSlot {
  order: number;
  width: 4 | 6 | 8 | 12;
}

/**
 * Known widgets by name. A widget that a future plugin adds, and that is not
 * listed here, is placed after these at half width.
 */
export const homeWidgetSlots: Record<string, HomeWidgetSlot> = {
  HomePageSearchBar: { order: 10, width: 12 },
  GoLiveWelcome: { order: 20, width: 8 },
  GoLiveFindYourWay: { order: 30, width: 4 },
  GoLiveYourComponents: { order: 40, width: 6 },
  HomePageStarredEntities: { order: 50, width: 6 },
  UnreadNotifications: { order: 60, width: 12 },
};

export const defaultHomeWidgetSlot: HomeWidgetSlot = { order: 1000, width: 6 };
