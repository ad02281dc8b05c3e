package org.earshot.server; public class Main { public static void main(String[] a){} }
