"""The site's own date and number formats, ahead of Django's (``FORMAT_MODULE_PATH``).

Django ships no Belarusian formats module at all, and its English one writes dates the
American way ("Nov. 29, 2005"); a Belarusian ministry's site writes "29 November 2005",
"29 ноября 2005 г." and "29 лістапада 2005 г.". Month names come from the translation
catalogs (``locale/``), where the Belarusian ones are given in the official orthography.
"""
