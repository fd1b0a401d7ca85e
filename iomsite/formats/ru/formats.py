"""Russian dates: "29 ноября 2005 г." (the month after a day number in the genitive, "E")."""

DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i"
MONTH_DAY_FORMAT = "j E"
TIME_FORMAT = "H:i"
